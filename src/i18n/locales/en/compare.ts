/** English strings of the compare area (keys are t('compare.…')). */
export const compare = {
};
