/** English strings of the history area (keys are t('history.…')). */
export const history = {
};
