/** English strings of the messages area (keys are t('messages.…')). */
export const messages = {
};
