namespace Sightline.Media;

internal enum MediaUrlCheck
{
    Valid,
    Malformed,
    BadSignature,
    WrongPurpose,
    Expired,
}
