/** Texts of the map component (components/map), shared by every map of both faces. */
export const mapZh = {
  loading: '地图加载中…',
  unavailable: '地图暂时无法显示',
  tilesFailed: '地图底图无法加载，已切换为列表',
  retry: '重试',
  myLocation: '我的位置',
  cluster: '此处 {{count}} 项，点击放大',
};
