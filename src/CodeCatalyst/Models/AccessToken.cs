using System;
using System.Security;

namespace CodeCatalyst.Models
{
    /// <summary>
    /// A personal access token as Get-CCAccessToken lists it (Wire/Generated/Models.g.cs): its id, name and expiry,
    /// never its secret (only CreateAccessToken's answer has one). It shows as its id.
    /// </summary>
    public sealed partial class AccessToken
    {
        /// <summary>A token just made by New-CCAccessToken, as the listing would show it (so it pipes into Remove-CCAccessToken).</summary>
        public static implicit operator AccessToken(CreatedAccessToken created) =>
            new AccessToken { Id = created.Id, Name = created.Name, ExpiresTime = created.ExpiresTime };

        /// <summary>The same, for the plain-text form.</summary>
        public static implicit operator AccessToken(CreatedAccessTokenPlainText created) =>
            new AccessToken { Id = created.Id, Name = created.Name, ExpiresTime = created.ExpiresTime };

        /// <summary>What -WhatIf and -Confirm name: the token's name and id.</summary>
        internal string Describe() => string.IsNullOrEmpty(Name) ? $"access token {Id}" : $"access token '{Name}' ({Id})";
    }

    /// <summary>
    /// A personal access token made by New-CCAccessToken (CreateAccessToken), with its secret: the only time the
    /// service ever gives it. The secret is a SecureString, so no view, string form, ConvertTo-Json, stream or
    /// error shows it; pass it on with ConvertFrom-SecureString -AsPlainText, or store it in a secret vault as it is.
    /// </summary>
    public sealed class CreatedAccessToken
    {
        /// <summary>The token's id (what Remove-CCAccessToken takes).</summary>
        public string Id { get; set; } = "";

        public string Name { get; set; } = "";

        /// <summary>When the token stops working.</summary>
        public DateTime ExpiresTime { get; set; }

        /// <summary>The token's secret: the bearer token itself, e.g. for Connect-CCAccount -Token.</summary>
        public SecureString Secret { get; set; } = new SecureString();

        public override string ToString() => Name;
    }

    /// <summary>
    /// The same token with its secret as a plain string, written only when the caller asks for it with
    /// New-CCAccessToken -AsPlainText. Anything that shows this object's Secret shows the token (the table view does not).
    /// </summary>
    public sealed class CreatedAccessTokenPlainText
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public DateTime ExpiresTime { get; set; }
        public string Secret { get; set; } = "";

        public override string ToString() => Name;
    }
}
