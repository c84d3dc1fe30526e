import type { CompoundAccessStatus } from '@nuanxin/shared';
import { covers, type ParkingAccessScope } from './stations.parking.policy.ts';

/**
 * Who sees and reviews a compound-access note 小区进门. A confirmed note is public to every
 * signed-in user; a reported or rejected one only to its reporter and to the reviewers of its
 * region. Only a reported note can be reviewed, once.
 */
export interface NoteFacts {
  status: CompoundAccessStatus;
  regionCode: string;
  reportedBy: string;
}

export function isReporter(s: ParkingAccessScope, n: NoteFacts): boolean {
  return n.reportedBy === s.userId;
}

export function isReviewer(s: ParkingAccessScope, n: Pick<NoteFacts, 'regionCode'>): boolean {
  return covers(s.reviewRegions, n.regionCode);
}

export function canSeeNote(s: ParkingAccessScope, n: NoteFacts): boolean {
  return n.status === 'confirmed' || isReporter(s, n) || isReviewer(s, n);
}

/** Whether the reporter's name is shown: to the reporter and the region's reviewers. */
export function showsReporter(s: ParkingAccessScope, n: NoteFacts): boolean {
  return isReporter(s, n) || isReviewer(s, n);
}

export function mayReview(s: ParkingAccessScope, n: NoteFacts): boolean {
  return n.status === 'reported' && isReviewer(s, n);
}
