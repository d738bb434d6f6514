/** The one product of the document's flash sale. */
export const PRODUCT_ID = 'iphone-15';
