import { Type } from '@sinclair/typebox';
import type { App, ServerContext } from '../context.js';
import { recordedPreset } from '../installation-preset.js';
import { Problem } from './common.js';

/** `GET /v1/installation`: which preset the database holds and the home organization; the start logs the preset too. */
export function aboutRoutes(app: App, context: ServerContext): void {
  // Loaded once: the preset of a database never changes after its first start.
  let preset: Promise<string | null> | undefined;
  const presetOnce = () => {
    preset ??= recordedPreset(context.store);
    return preset;
  };
  app.addHook('onReady', async () => {
    const held = await presetOnce();
    app.log.info({ preset: held }, `the database holds the ${held === null ? 'no recorded' : `"${held}"`} preset`);
  });

  app.get(
    '/v1/installation',
    {
      schema: {
        tags: ['installation'],
        summary: 'Which preset the database holds, and the home organization',
        description:
          'The preset is the one the first start loaded (`--preset` at a later start must name the same one, or the start is refused). Any signed-in user may read it.',
        response: {
          200: Type.Object({
            preset: Type.Union([Type.String(), Type.Null()], {
              description: 'Null for a database whose first start recorded none.',
            }),
            home: Type.Object({ id: Type.String(), name: Type.String() }),
            revision: Type.Integer(),
          }),
          '4xx': Problem,
        },
      },
    },
    async () => {
      const home = context.home();
      const organization = context.store.engine.organizations().find((o) => o.id === home);
      return {
        preset: await presetOnce(),
        home: { id: home, name: organization?.name ?? home },
        revision: context.store.revision,
      };
    },
  );
}
