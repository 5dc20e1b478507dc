using System.Buffers.Binary;

namespace AiVideo.McpServers.Voice.Providers;

/// <summary>16-bit mono PCM: read from a WAV answer, joined, written as a WAV with exact sample counts.</summary>
public sealed class PcmAudio(int sampleRate)
{
    private readonly MemoryStream _samples = new();

    public int SampleRate { get; } = sampleRate;

    /// <summary>Length so far, in milliseconds (exact: sample count / rate).</summary>
    public int DurationMs => (int)(_samples.Length / 2 * 1000 / SampleRate);

    public double DurationSec => _samples.Length / 2 / (double)SampleRate;

    public void Append(ReadOnlySpan<byte> pcm16)
    {
        _samples.Write(pcm16[..(pcm16.Length & ~1)]);
    }

    public async Task WriteWavAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var data = _samples.ToArray();
        var header = new byte[44];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), 36 + data.Length);
        "WAVEfmt "u8.CopyTo(header.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(24), SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(28), SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(34), 16);
        "data"u8.CopyTo(header.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(40), data.Length);
        var temp = $"{path}.{Guid.NewGuid():N}.partial";
        await using (var file = File.Create(temp))
        {
            await file.WriteAsync(header, cancellationToken).ConfigureAwait(false);
            await file.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>
    /// The sample rate and 16-bit mono samples of a WAV file's bytes. A streamed WAV may state a data size of
    /// 0xFFFFFFFF or 0: the data then runs to the end of the bytes.
    /// </summary>
    public static (int SampleRate, byte[] Pcm) ReadWav(byte[] wav, string provider)
    {
        if (wav.Length < 12 || !wav.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !wav.AsSpan(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new VoiceProviderException($"{provider} did not answer with a WAV file ({wav.Length} bytes)");
        }
        int? rate = null;
        var pos = 12;
        while (pos + 8 <= wav.Length)
        {
            var id = wav.AsSpan(pos, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(pos + 4));
            var body = pos + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                var format = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(body));
                var channels = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(body + 2));
                var bits = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(body + 14));
                if (format != 1 || channels != 1 || bits != 16) throw new VoiceProviderException($"{provider} answered a WAV that is not 16-bit mono PCM (format {format}, {channels} channels, {bits} bits)");
                rate = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(body + 4));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (rate is null) throw new VoiceProviderException($"{provider} answered a WAV without a format chunk before its data");
                var length = size is 0 or uint.MaxValue || body + size > wav.Length ? wav.Length - body : (int)size;
                return (rate.Value, wav.AsSpan(body, length & ~1).ToArray());
            }
            pos = body + (int)Math.Min(size + (size & 1), int.MaxValue - body);
        }
        throw new VoiceProviderException($"{provider} answered a WAV without audio data");
    }
}
