import { useParams } from 'react-router';
import { RequirePermission } from '../../app/routes/admin/guard';
import { useMe } from '../auth/api/get-me';
import { ProjectPage } from './project-page';
import { ProjectsPage } from './projects-page';

export function ProjectsRoute() {
  const me = useMe().data;
  const region = me?.grants.find((g) => g.regionCode)?.regionCode ?? undefined;
  return (
    <RequirePermission anyOf={['projects.read']}>
      <ProjectsPage
        canManage={Boolean(me?.permissions.includes('projects.manage'))}
        {...(region ? { defaultRegion: region } : {})}
      />
    </RequirePermission>
  );
}

export function ProjectRoute() {
  const { id } = useParams();
  return (
    <RequirePermission anyOf={['projects.read']}>
      <ProjectPage key={id} id={id ?? ''} />
    </RequirePermission>
  );
}
