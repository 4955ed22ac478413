// Paging a plan is platform-free: the Rename page pages an offline preview with the same function.
export { previewPage, type PreviewPage, type PreviewQuery } from '#core/rename/preview-page';
