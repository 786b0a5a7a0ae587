/** English strings of the data area (keys are t('data.…')). */
export const data = {
};
