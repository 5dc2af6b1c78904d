namespace Sightline.Media;

internal enum MediaUrlPurpose
{
    Upload,
    Download,
}
