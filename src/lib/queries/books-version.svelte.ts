/** Bumped each time the query worker has taken in changed books: pages that show queries re-run them. */
class BooksVersion {
  value = $state(0);
}

export const booksVersion = new BooksVersion();
