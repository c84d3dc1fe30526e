import type { ModuleDefinition } from '../index.ts';
import { mealsRoutes } from './meals.routes.ts';

/**
 * Meals 餐食 (HUB-02, CAN-01, CAN-02; docs/meals.md): menus per station, day and period, orders
 * with eat-in seat slots or take-away pickup, charged through the payments module.
 */
export const mealsModule: ModuleDefinition = { name: 'meals', routes: mealsRoutes };

export { seedDemoMeals } from './meals.seed.ts';
export { createMealsService, type MealsService } from './meals.service.ts';
