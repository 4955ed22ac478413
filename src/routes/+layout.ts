// A single-page app: everything renders in the browser from the local catalog.
export const ssr = false;
export const prerender = false;
