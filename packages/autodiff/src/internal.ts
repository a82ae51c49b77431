/**
 * @mmcl/autodiff/internal: building blocks shared by the other mmcl packages (the output folders that every mmcl
 * command and `writeRunDirectory` write), for the CLI, the tests and the benchmarks. Not a stable API: names here
 * may change in any release. Import the public face from `@mmcl/autodiff`.
 * @module
 */
export { MARKER, readMarker, writeMarker, listEntries, foreignEntries, type OutputMarker } from './output/marker.js';
export {
  stageFolder, stagingFolderOf, checkReplaceable,
  type StagedFolder, type StageFolderOptions, type Refusal,
} from './output/staging.js';
