import { useParams } from 'react-router';
import { MobileAppealCasePage } from '../../../features/appeals/components/mobile/m-case-page';
import { MyAppealsPage } from '../../../features/appeals/components/mobile/my-appeals-page';
import { ReportAppealPage } from '../../../features/appeals/components/mobile/report-page';

export function ReportAppealRoute() {
  return <ReportAppealPage />;
}

export function MyAppealsRoute() {
  return <MyAppealsPage />;
}

export function MobileAppealRoute() {
  const { id } = useParams();
  return <MobileAppealCasePage key={id} id={id ?? ''} />;
}
