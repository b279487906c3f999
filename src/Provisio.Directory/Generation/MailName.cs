using System.Globalization;
using System.Text;

namespace Provisio.Directory.Generation;

/// <summary>
/// The ASCII form of a name for the local part of a userPrincipalName or a mailNickname: <c>Zoë Ångström</c> →
/// <c>zoe</c> and <c>angstrom</c>; letters that do not decompose (ł, ø, đ, ß, æ, ı) are spelled out; anything else
/// but letters, digits and hyphens is dropped (<c>O'Brien</c> → <c>obrien</c>, <c>van Dijk</c> → <c>vandijk</c>).
/// </summary>
internal static class MailName
{
    public static string Fold(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var character in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(character) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(character);
            switch (lower)
            {
                case >= 'a' and <= 'z' or >= '0' and <= '9' or '-':
                    builder.Append(lower);
                    break;
                case 'ł': builder.Append('l'); break;
                case 'ø': builder.Append('o'); break;
                case 'đ' or 'ð': builder.Append('d'); break;
                case 'ı': builder.Append('i'); break;
                case 'ß': builder.Append("ss"); break;
                case 'æ': builder.Append("ae"); break;
                case 'œ': builder.Append("oe"); break;
                case 'þ': builder.Append("th"); break;
                default: break;
            }
        }

        return builder.ToString();
    }
}
