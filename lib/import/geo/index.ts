import { say } from '@/lib/i18n/say';
import { readGeoJson } from './read-geojson';
import { readGeoPackage } from './read-geopackage';
import { readKml } from './read-kml';
import { readShapefile } from './read-shapefile';
import { readGeoTable } from './read-table';
import { type GeoFileContents, GeoFileError, type ReadGeoFileOptions } from './types';

export { type CrsGuess, guessCrs } from './crs-guess';
export { offsetToWgs84 } from './offset-crs';
export * from './types';

/** A file as it was uploaded. */
export interface UploadedGeoFile {
  name: string;
  bytes: Uint8Array;
}

/** Reads a base-layer file of any supported format, chosen by its name's extension. */
export async function readGeoFile(file: UploadedGeoFile, options: ReadGeoFileOptions = {}): Promise<GeoFileContents> {
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  switch (extension) {
    case 'geojson':
    case 'json':
      return readGeoJson(file.bytes);
    case 'gpkg':
      return readGeoPackage(file.bytes, options.layer);
    case 'kml':
      return readKml(file.bytes, false);
    case 'kmz':
      return readKml(file.bytes, true);
    case 'csv':
    case 'xlsx':
      return readGeoTable(file.bytes, file.name, options);
    case 'zip':
      return readShapefile(file.bytes, options);
    default:
      throw new GeoFileError(
        say(
          `不支持的文件类型“.${extension}”：请上传 Shapefile（.zip）、GeoPackage、KML/KMZ、GeoJSON、CSV 或 XLSX`,
          `unsupported file type ".${extension}": upload a Shapefile (.zip), GeoPackage, KML/KMZ, GeoJSON, CSV or XLSX`,
        ),
        'unsupported_format',
      );
  }
}
