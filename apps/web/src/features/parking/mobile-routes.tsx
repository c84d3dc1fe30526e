import { ParkingPage, ReportCompoundPage } from './mobile';

/** The worker app's parking and compound pages (the console's are in routes.tsx). */

export function ParkingRoute() {
  return <ParkingPage />;
}

export function ReportCompoundRoute() {
  return <ReportCompoundPage />;
}
