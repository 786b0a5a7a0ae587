import { app } from './app';
import { data } from './data';
import { setup } from './setup';
import { charts } from './charts';
import { compare } from './compare';
import { history } from './history';
import { learn } from './learn';
import { messages } from './messages';
import { content } from './content';

/** The English catalog: one area file per part of the app; keys are 'area.…'. */
export const en = { app, data, setup, charts, compare, history, learn, messages, content };
export type Catalog = typeof en;
