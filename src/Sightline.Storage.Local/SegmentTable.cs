namespace Sightline.Storage.Local;

/// <summary>
/// Durable length of each live segment, shared by the writer (which grows it after each fsync), the reader (which
/// never reads past it) and acknowledgement (which measures and drops consumed segments). Segment numbers are
/// consecutive, so the table is the first number plus a list of lengths.
/// </summary>
internal sealed class SegmentTable
{
    private readonly Lock _lock = new();
    private readonly List<long> _lengths = [];
    private long _first;

    public void Reset(long first, IEnumerable<long> lengths)
    {
        lock (_lock)
        {
            _first = first;
            _lengths.Clear();
            _lengths.AddRange(lengths);
        }
    }

    /// <summary>Where the durable data ends: the last segment at its durable length.</summary>
    public LogPosition End
    {
        get
        {
            lock (_lock)
            {
                return new LogPosition(_first + _lengths.Count - 1, _lengths[^1]);
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _lengths.Count;
            }
        }
    }

    public long LengthOf(long segment)
    {
        lock (_lock)
        {
            return _lengths[Index(segment)];
        }
    }

    /// <summary>Records a durable length; a segment one past the last one starts a new entry.</summary>
    public void SetLength(long segment, long length)
    {
        lock (_lock)
        {
            if (segment == _first + _lengths.Count)
            {
                _lengths.Add(length);
            }
            else
            {
                _lengths[Index(segment)] = length;
            }
        }
    }

    /// <summary>Moves a position sitting at the end of a closed segment to the start of the next one.</summary>
    public LogPosition Normalize(LogPosition position)
    {
        lock (_lock)
        {
            var last = _first + _lengths.Count - 1;
            while (position.Segment < last && position.Offset >= _lengths[Index(position.Segment)])
            {
                position = new LogPosition(position.Segment + 1, 0);
            }

            return position;
        }
    }

    public long BytesBetween(LogPosition from, LogPosition to)
    {
        lock (_lock)
        {
            if (from.Segment == to.Segment)
            {
                return to.Offset - from.Offset;
            }

            var bytes = _lengths[Index(from.Segment)] - from.Offset;
            for (var segment = from.Segment + 1; segment < to.Segment; segment++)
            {
                bytes += _lengths[Index(segment)];
            }

            return bytes + to.Offset;
        }
    }

    /// <summary>Forgets the segments before <paramref name="segment"/> and returns their numbers.</summary>
    public List<long> RemoveBefore(long segment)
    {
        lock (_lock)
        {
            var count = (int)Math.Clamp(segment - _first, 0, _lengths.Count - 1);
            var removed = new List<long>(count);
            for (var i = 0; i < count; i++)
            {
                removed.Add(_first + i);
            }

            _lengths.RemoveRange(0, count);
            _first += count;
            return removed;
        }
    }

    private int Index(long segment)
    {
        var index = segment - _first;
        return index >= 0 && index < _lengths.Count
            ? (int)index
            : throw new InvalidOperationException($"Segment {segment} is not live (live: {_first} to {_first + _lengths.Count - 1}).");
    }
}
