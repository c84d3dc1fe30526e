import { HubBookingPage, HubBookPage, MyHubBookingsPage } from './mobile';
import { RoomTvPage } from './tv';

/** Route components of the 暖心之家 worker screens and the room TV page. */

export function HubBookRoute() {
  return <HubBookPage />;
}

export function HubBookingRoute() {
  return <HubBookingPage />;
}

export function MyHubBookingsRoute() {
  return <MyHubBookingsPage />;
}

export function RoomTvRoute() {
  return <RoomTvPage />;
}
