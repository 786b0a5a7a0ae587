/** English strings of the app area (keys are t('app.…')). */
export const app = {
  language: 'Language',
};
