import { MealOrderPage, MyMealOrdersPage, StationMenuPage } from './mobile';

/** Route components of the worker app's meals screens. */

export function StationMenuRoute() {
  return <StationMenuPage />;
}

export function MyMealOrdersRoute() {
  return <MyMealOrdersPage />;
}

export function MealOrderRoute() {
  return <MealOrderPage />;
}
