/** English strings of the learn area (keys are t('learn.…')). */
export const learn = {
};
