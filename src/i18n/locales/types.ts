/**
 * The other language mirrors English key for key: same nesting, every leaf a string. A missing
 * or extra key in a zh-CN area file is a type error (and catalogs.test.ts checks it at run time).
 */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };

/** A nested catalog of strings whose keys are generated (content.ts builds English from the specs). */
export interface CatalogTree { [key: string]: string | CatalogTree }
