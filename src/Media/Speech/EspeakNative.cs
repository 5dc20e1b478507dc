using System.Runtime.InteropServices;

namespace AiVideo.Media.Speech;

/// <summary>
/// The few libespeak-ng entry points the voice provider needs (libespeak-ng.so.1 from the libespeak-ng1 package).
/// The library is process-global: callers must serialise every use.
/// </summary>
internal static unsafe partial class EspeakNative
{
    private const string Library = "libespeak-ng.so.1";

    public const int AudioOutputSynchronous = 2;
    public const int EventListTerminated = 0;
    public const int EventWord = 1;
    public const int EventEnd = 5;
    public const int EventMsgTerminated = 6;
    public const int ParameterRate = 1;
    public const int PositionCharacter = 1;
    public const uint CharsUtf8 = 1;
    public const int EventSize = 40;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate int SynthCallback(short* wav, int sampleCount, byte* events);

    [LibraryImport(Library, EntryPoint = "espeak_Initialize")]
    public static partial int Initialize(int output, int bufferLengthMs, IntPtr path, int options);

    [LibraryImport(Library, EntryPoint = "espeak_SetSynthCallback")]
    public static partial void SetSynthCallback(IntPtr callback);

    [LibraryImport(Library, EntryPoint = "espeak_SetVoiceByName", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetVoiceByName(string name);

    /// <summary>espeak_VOICE: name, languages, identifier (char*), gender, age, variant, xx1 (bytes), score (int), spare (void*).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct VoiceSpec
    {
        public IntPtr Name;
        public IntPtr Languages;
        public IntPtr Identifier;
        public byte Gender;
        public byte Age;
        public byte Variant;
        public byte Xx1;
        public int Score;
        public IntPtr Spare;
    }

    [LibraryImport(Library, EntryPoint = "espeak_SetVoiceByProperties")]
    public static partial int SetVoiceByProperties(VoiceSpec* spec);

    /// <summary>Selects a voice by name, or else by language (what `espeak-ng -v en-gb` does): "en-gb" is a language, not a voice name.</summary>
    public static int SelectVoice(string id)
    {
        if (SetVoiceByName(id) == 0) return 0;
        var language = Marshal.StringToCoTaskMemUTF8(id);
        try
        {
            var spec = new VoiceSpec { Languages = language };
            return SetVoiceByProperties(&spec);
        }
        finally
        {
            Marshal.FreeCoTaskMem(language);
        }
    }

    [LibraryImport(Library, EntryPoint = "espeak_SetParameter")]
    public static partial int SetParameter(int parameter, int value, int relative);

    [LibraryImport(Library, EntryPoint = "espeak_Synth")]
    public static partial int Synth(byte* text, nuint size, uint position, int positionType, uint endPosition, uint flags, uint* uniqueIdentifier, IntPtr userData);

    [LibraryImport(Library, EntryPoint = "espeak_Synchronize")]
    public static partial int Synchronize();

    [LibraryImport(Library, EntryPoint = "espeak_Terminate")]
    public static partial int Terminate();

    [LibraryImport(Library, EntryPoint = "espeak_ListVoices")]
    public static partial IntPtr ListVoices(IntPtr voiceSpec);
}
