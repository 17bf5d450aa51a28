// `npm run build`: compiles src/ and jobs/ to dist/ (see scripts/lib/build.mjs). `npm start` and
// `npm run worker` do this by themselves when dist/ is missing or older than the sources.
import { build } from './lib/build.mjs';

build();
