import type { mapZh } from './i18n';

/** English texts of the map component (components/map), shared by every map of both faces; loaded with the English dictionaries only. */
export const mapEn: typeof mapZh = {
  loading: 'Loading the map…',
  unavailable: 'The map cannot be shown right now',
  tilesFailed: 'The base map could not be loaded; showing the list instead',
  retry: 'Retry',
  myLocation: 'My location',
  cluster: '{{count}} here, click to zoom in',
};
