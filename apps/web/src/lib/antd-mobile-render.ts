import { unstableSetRender } from 'antd-mobile';
import { createRoot, type Root } from 'react-dom/client';

type Container = (Element | DocumentFragment) & { __nxRoot?: Root };

/**
 * antd-mobile 5 renders its imperative popups (Dialog.alert, Toast.show…) with the legacy
 * ReactDOM.render; React 19 needs createRoot. Imported (for this side effect) by every page that
 * uses them: the worker app's shell and the residents' page.
 */
unstableSetRender((node, container: Container) => {
  container.__nxRoot ??= createRoot(container);
  const root = container.__nxRoot;
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    delete container.__nxRoot;
  };
});
