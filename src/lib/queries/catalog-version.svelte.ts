/** Bumped each time the catalog worker has taken in changed books: pages that show queries re-run them. */
class CatalogVersion {
  value = $state(0);
}

export const catalogVersion = new CatalogVersion();
