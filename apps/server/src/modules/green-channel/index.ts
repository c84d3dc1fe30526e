import type { ModuleDefinition } from '../index.ts';
import './green-channel.events.ts';
import './green-channel.files.ts';
import { registerGreenChannelHandlers } from './green-channel.handlers.ts';
import { greenChannelRoutes } from './green-channel.routes.ts';

/** The weather-delay green channel 申诉“绿色通道” (GRN-01, GRN-02). Others react to `green_channel.*` events. */
export const greenChannelModule: ModuleDefinition = {
  name: 'green-channel',
  routes: greenChannelRoutes,
  register(deps) {
    registerGreenChannelHandlers(deps);
  },
};

export { GRN_EVENTS, type GrnClaimEventPayload } from './green-channel.events.ts';
export { seedDemoGreenChannel } from './green-channel.seed.ts';
export { createGreenChannelService, type GreenChannelService } from './green-channel.service.ts';
