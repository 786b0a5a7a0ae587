/** English strings of the charts area (keys are t('charts.…')). */
export const charts = {
};
