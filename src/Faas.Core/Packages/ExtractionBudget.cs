using Faas.Core.Storage;

namespace Faas.Core.Packages;

/// <summary>
/// The limits of one extraction, checked while it runs: entry count, total bytes written, and
/// the ratio of bytes written to compressed bytes read (a bomb is stopped after a few MB, not
/// when the disk is full). Header sizes are never trusted; only bytes really written count.
/// </summary>
internal sealed class ExtractionBudget(StorageOptions options, CountingStream compressed)
{
    private int _entries;
    private long _compressedBaseline;

    public long Written { get; private set; }

    /// <summary>
    /// Reads made so far (a zip's central directory, found by scanning its last 64 KiB) are index,
    /// not entry data: leaving them out keeps the ratio honest for a small bomb.
    /// </summary>
    public void StartEntries() => _compressedBaseline = compressed.BytesRead;

    public void CountEntry()
    {
        if (++_entries > options.MaxPackageEntries)
        {
            throw new FaasException(FaasError.TooLarge, $"The package has more than {options.MaxPackageEntries} entries; at most {options.MaxPackageEntries} are allowed.");
        }
    }

    /// <summary>Refuses an entry whose declared size alone would pass the limit, before writing any of it.</summary>
    public void CheckDeclaredSize(long size)
    {
        if (size > options.MaxExtractedBytes - Written)
        {
            throw TooBig();
        }
    }

    /// <summary>Copies one entry's bytes, checking the limits after every block.</summary>
    public void Copy(Stream source, Stream target)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            Written += read;
            if (Written > options.MaxExtractedBytes)
            {
                throw TooBig();
            }
            var compressedRead = compressed.BytesRead - _compressedBaseline;
            if (Written > options.CompressionRatioCheckBytes && Written > compressedRead * options.MaxCompressionRatio)
            {
                throw new FaasException(FaasError.TooLarge,
                    $"The package expands more than {options.MaxCompressionRatio} times its compressed size " +
                    $"({Written} bytes written from {compressedRead} bytes read): refused as a likely archive bomb. " +
                    "Raise Faas:Storage:MaxCompressionRatio if this package is genuine.");
            }
            target.Write(buffer, 0, read);
        }
    }

    private FaasException TooBig() => new(FaasError.TooLarge,
        $"The package's extracted files are larger than the allowed total of {options.MaxExtractedBytes} bytes (Faas:Storage:MaxExtractedBytes).");
}
