// Every verb of the CLI, in the order `demo-hooks --help` lists them. A new verb is one module
// in this folder and one line here.
import { atlasVerb } from './atlas.js';
import { cleanVerb } from './clean.js';
import { clusterVerb } from './cluster.js';
import { listVerb } from './list.js';
import { observeVerb } from './observe.js';
import { pictureVerb } from './picture.js';
import { reportVerb } from './report.js';
import { runVerb } from './run.js';
import type { Verb } from './verb.js';

export const verbs: readonly Verb[] = [listVerb, runVerb, atlasVerb, clusterVerb, cleanVerb, observeVerb, reportVerb, pictureVerb];
