/** `applications:` — an application associated with exactly one workspace, bundle or image. */
import type { ApplicationAssociationProperties } from './properties.js';
import { applicationAssociationKey } from '../../model/keys.js';
import { list, obj, str, type SchemaType } from '../../spec/schema-builders.js';
import { BUNDLE_REF, bundleRef } from '../bundle/ref.js';
import { IMAGE_REF, imageRef } from '../image/ref.js';
import { defineKindSpec } from '../kind-spec.js';
import { workspaceRef } from '../workspace/ref.js';

/** What an application id looks like (API model WorkSpaceApplicationId). */
export const APPLICATION_ID = /^wsa-[0-9a-z]{8,63}$/;

const application = obj(
  'An application association: give the application and exactly one of workspace, bundle or image.',
  {
    application: str('The application: its id (wsa-…), or its name as DescribeApplications lists it (resolved at plan time; it must match exactly one).', {
      title: 'application id (wsa-…) or name',
      minLength: 1,
      maxLength: 255,
    }),
    workspace: str('A workspace: its id (ws-…) or `directory/user`.', { minLength: 1 }),
    bundle: BUNDLE_REF,
    image: IMAGE_REF,
  },
  ['application'],
);

export type SpecApplication = SchemaType<typeof application>;

const applications = list('Application associations.', application);

export const applicationAssociationSpec = defineKindSpec({
  section: 'applications',
  schema: applications,
  toDesired(entries, context) {
    entries.forEach((entry, index) => {
      const path = ['applications', index];
      const targets = (['workspace', 'bundle', 'image'] as const).filter((t) => entry[t] !== undefined);
      if (targets.length !== 1) {
        context.error('SPEC_APPLICATION_TARGET', 'an application association needs exactly one of workspace, bundle or image', context.locator.key(path));
        return;
      }
      const targetType = targets[0]!;
      const text = entry[targetType]!;
      const refPath = [...path, targetType];
      const target =
        targetType === 'workspace'
          ? workspaceRef(context, text, refPath)
          : targetType === 'bundle'
            ? bundleRef(context, text, refPath)
            : imageRef(context, text, refPath);
      const targetKey = 'key' in target ? target.key : `${targetType}/${target.id}`;
      // an id is used as it is; anything else is a name, resolved at plan time (resolve-names.ts)
      const byId = APPLICATION_ID.test(entry.application);
      const properties: ApplicationAssociationProperties = byId
        ? { target, targetType, applicationId: entry.application }
        : { target, targetType, applicationId: '', applicationName: entry.application };
      const fieldSources = { application: context.locator.value([...path, 'application']) };
      context.add({ kind: 'applicationAssociation', key: applicationAssociationKey(targetKey, entry.application), properties, tags: {}, path, fieldSources });
    });
  },
});
