import { ChildcarePage, MyServicesPage, ProxyRequestPage } from './mobile';

/** Route components of the worker app's 政务代办 and 节假日托幼 screens. */

export function StationProxyRoute() {
  return <ProxyRequestPage />;
}

export function StationChildcareRoute() {
  return <ChildcarePage />;
}

export function MyServicesRoute() {
  return <MyServicesPage />;
}
