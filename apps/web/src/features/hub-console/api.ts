import type {
  CreateHubBayInput,
  CreateHubCameraInput,
  CreateHubRoomInput,
  HubBoardDto,
  HubBookingDto,
  HubSetupDto,
  PaymentDto,
  StationsListDto,
  UpdateHubBayInput,
  UpdateHubCameraInput,
  UpdateHubRoomInput,
  UpdateHubTariffInput,
} from '@nuanxin/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

/** Console calls of the hub API and the payments confirm route (docs/hub.md). */

export const HUB_CONSOLE_KEY = ['hub-console'] as const;
/** The bookings board refreshes this often (ms). */
export const HUB_BOARD_REFRESH_MS = 30_000;

export function useHubStations() {
  return useQuery({
    queryKey: [...HUB_CONSOLE_KEY, 'stations'],
    queryFn: ({ signal }) =>
      api<StationsListDto>('/api/v1/stations', { query: { kind: 'warm_home', pageSize: 100 }, signal }),
  });
}

export function useHubBoard(stationId: string, date: string | null) {
  return useQuery({
    queryKey: [...HUB_CONSOLE_KEY, 'board', stationId, date],
    queryFn: ({ signal }) =>
      api<HubBoardDto>(`/api/v1/stations/${stationId}/hub/board`, { query: { date }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: HUB_BOARD_REFRESH_MS,
  });
}

export function useHubSetup(stationId: string) {
  return useQuery({
    queryKey: [...HUB_CONSOLE_KEY, 'setup', stationId],
    queryFn: ({ signal }) => api<HubSetupDto>(`/api/v1/stations/${stationId}/hub/setup`, { signal }),
  });
}

export type BookingAction = 'check-in' | 'check-out' | 'no-show' | 'cancel';

export function useBookingAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; action: BookingAction }) =>
      api<HubBookingDto>(`/api/v1/hub/bookings/${v.id}/${v.action}`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: HUB_CONSOLE_KEY }),
  });
}

export function useConfirmPayment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; method: 'counter_cash' | 'counter_qr' }) =>
      api<PaymentDto>(`/api/v1/payments/${v.id}/confirm`, { method: 'POST', body: { method: v.method } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: HUB_CONSOLE_KEY }),
  });
}

type SetupCall =
  | { kind: 'room'; stationId: string; body: CreateHubRoomInput }
  | { kind: 'roomPatch'; roomId: string; body: UpdateHubRoomInput }
  | { kind: 'camera'; stationId: string; body: CreateHubCameraInput }
  | { kind: 'cameraPatch'; cameraId: string; body: UpdateHubCameraInput }
  | { kind: 'bay'; stationId: string; body: CreateHubBayInput }
  | { kind: 'bayPatch'; bayId: string; body: UpdateHubBayInput }
  | { kind: 'tariff'; stationId: string; body: UpdateHubTariffInput };

function setupRequest(c: SetupCall): Promise<HubSetupDto> {
  switch (c.kind) {
    case 'room':
      return api(`/api/v1/stations/${c.stationId}/hub/rooms`, { method: 'POST', body: c.body });
    case 'roomPatch':
      return api(`/api/v1/hub/rooms/${c.roomId}`, { method: 'PATCH', body: c.body });
    case 'camera':
      return api(`/api/v1/stations/${c.stationId}/hub/cameras`, { method: 'POST', body: c.body });
    case 'cameraPatch':
      return api(`/api/v1/hub/cameras/${c.cameraId}`, { method: 'PATCH', body: c.body });
    case 'bay':
      return api(`/api/v1/stations/${c.stationId}/hub/bays`, { method: 'POST', body: c.body });
    case 'bayPatch':
      return api(`/api/v1/hub/bays/${c.bayId}`, { method: 'PATCH', body: c.body });
    case 'tariff':
      return api(`/api/v1/stations/${c.stationId}/hub/tariff`, { method: 'PUT', body: c.body });
  }
}

export function useSetupChange() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: setupRequest,
    onSuccess: () => qc.invalidateQueries({ queryKey: HUB_CONSOLE_KEY }),
  });
}
