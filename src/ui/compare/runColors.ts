/** One colour per run of the comparison, by its position in the list (legend, lines, table). */
export const RUN_COLORS = ['#1f6feb', '#cf222e', '#1a7f37', '#8250df', '#bc4c00', '#0a7d72', '#b3368f', '#4d6a00'];
export const runColor = (index: number) => RUN_COLORS[index % RUN_COLORS.length];
