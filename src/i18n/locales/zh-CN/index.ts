import type { Catalog } from '../en';
import type { CatalogTree, Translation } from '../types';
import { app } from './app';
import { data } from './data';
import { setup } from './setup';
import { charts } from './charts';
import { compare } from './compare';
import { history } from './history';
import { learn } from './learn';
import { messages } from './messages';
import { content } from './content';

/** 简体中文目录，与英文逐键对应。 */
export const zhCN: Translation<Omit<Catalog, 'content'>> & { content: CatalogTree } = { app, data, setup, charts, compare, history, learn, messages, content };
