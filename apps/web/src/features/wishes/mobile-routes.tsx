import { MyWishesPage, WishPage } from './mobile';

/** The worker app's wish pages (the console's are in routes.tsx: the two faces share no chunk). */

export function WishRoute() {
  return <WishPage />;
}

export function MyWishesRoute() {
  return <MyWishesPage />;
}
