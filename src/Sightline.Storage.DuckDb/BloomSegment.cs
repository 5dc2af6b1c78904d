namespace Sightline.Storage.DuckDb;

/// <summary>
/// One fixed-size Bloom filter: <see cref="Capacity"/> keys at a false-positive rate of about
/// <paramref name="falsePositiveRate"/>. A key is a 128-bit hash; probe i starts from h1 + i h2 (double hashing,
/// Kirsch and Mitzenmacher), which is mixed again before multiply-shift maps it onto the bit array: mapped
/// directly, the probes of one key form an arithmetic progression that bunches up whenever h2 / 2^64 lies near a
/// fraction with a small denominator, and a small segment then measured fifty times its design rate.
/// Not thread-safe: <see cref="KeyFilter"/> serializes access.
/// </summary>
internal sealed class BloomSegment
{
    private readonly ulong[] _words;
    private readonly ulong _bits;
    private readonly int _hashes;

    public BloomSegment(long capacity, double falsePositiveRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNotEqual(falsePositiveRate is > 0 and < 1, true, nameof(falsePositiveRate));
        Capacity = capacity;
        // Optimal sizing: m = -n ln p / (ln 2)^2 bits and k = (m / n) ln 2 hash functions.
        var bits = Math.Ceiling(-capacity * Math.Log(falsePositiveRate) / (Math.Log(2) * Math.Log(2)));
        _words = new ulong[(long)Math.Ceiling(bits / 64)];
        _bits = (ulong)_words.LongLength * 64;
        _hashes = Math.Max(1, (int)Math.Round(_bits / (double)capacity * Math.Log(2)));
    }

    public long Capacity { get; }

    public long Count { get; private set; }

    public bool IsFull => Count >= Capacity;

    public long Bytes => _words.LongLength * sizeof(ulong);

    public void Add(UInt128 hash)
    {
        var (h1, h2) = Halves(hash);
        for (var i = 0; i < _hashes; i++)
        {
            var bit = Position(h1, h2, i);
            _words[bit >> 6] |= 1UL << (int)(bit & 63);
        }

        Count++;
    }

    public bool MightContain(UInt128 hash)
    {
        var (h1, h2) = Halves(hash);
        for (var i = 0; i < _hashes; i++)
        {
            var bit = Position(h1, h2, i);
            if ((_words[bit >> 6] & (1UL << (int)(bit & 63))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static (ulong H1, ulong H2) Halves(UInt128 hash) => ((ulong)hash, (ulong)(hash >> 64));

    private ulong Position(ulong h1, ulong h2, int i) => Math.BigMul(Mix(unchecked(h1 + ((ulong)i * h2))), _bits, out _);

    // The finalizer of SplitMix64 (Steele, Lea and Flood): a bijection whose outputs for nearby inputs look unrelated.
    private static ulong Mix(ulong x)
    {
        unchecked
        {
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            return x ^ (x >> 31);
        }
    }
}
