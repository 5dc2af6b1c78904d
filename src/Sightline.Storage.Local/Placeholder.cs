namespace Sightline.Storage.Local;
