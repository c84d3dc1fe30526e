import type { AppealMapDto, AppealMapQueue, AppealState } from '@nuanxin/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export interface AppealMapFilters {
  queue: AppealMapQueue;
  state?: AppealState | undefined;
  categoryId?: string | undefined;
}

export interface AppealMapRequest extends AppealMapFilters {
  bbox: [number, number, number, number];
  zoom: number;
}

/** The cases in a box (`GET /api/v1/appeals/map`): points, or grid clusters when there are many. */
export function useAppealMap(req: AppealMapRequest) {
  return useQuery({
    queryKey: ['appeals', 'map', req],
    queryFn: ({ signal }) =>
      api<AppealMapDto>('/api/v1/appeals/map', {
        query: {
          bbox: req.bbox.join(','),
          zoom: req.zoom,
          queue: req.queue,
          state: req.state,
          categoryId: req.categoryId,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}
