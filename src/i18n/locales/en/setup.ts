/** English strings of the setup area (keys are t('setup.…')). */
export const setup = {
};
