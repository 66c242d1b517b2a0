using System;
using System.Management.Automation;
using CodeCatalyst.Core;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.AccessTokens
{
    /// <summary>
    /// New-CCAccessToken: makes a personal access token for you (CreateAccessToken). Its secret, which the service
    /// gives only this once, is written as a SecureString, or as a plain string with -AsPlainText. The operation has
    /// no idempotency token, so it is never sent twice once it may have reached the service (a second attempt could
    /// make a second token): only a refused connection or throttling is retried.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CCAccessToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(CreatedAccessToken), typeof(CreatedAccessTokenPlainText))]
    public sealed class NewCCAccessTokenCommand : CodeCatalystChangeCmdlet
    {
        /// <summary>The token's name (1 to 100 characters); names need not be unique.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        /// <summary>
        /// When the token stops working; must be in the future. Default: one year from now (the service's default).
        /// A time without a zone is local time, as PowerShell reads it.
        /// </summary>
        [Parameter]
        public DateTime ExpiresTime { get; set; }

        /// <summary>Writes the secret as a plain string. Anything that shows the result's Secret then shows the token.</summary>
        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        protected override void ProcessRecord()
        {
            DateTime? expires = null;
            if (MyInvocation.BoundParameters.ContainsKey(nameof(ExpiresTime)))
            {
                var utc = WireFormat.ToUtc(ExpiresTime);
                if (utc <= DateTime.UtcNow)
                {
                    WriteFailure(new CodeCatalystInputException("ExpiresTime",
                        $"-ExpiresTime {ExpiresTime:yyyy-MM-dd HH:mm:ss} is not in the future: a token must expire later than now. " +
                        "Give a later time, or leave -ExpiresTime out for one year from now."), ExpiresTime);
                    return;
                }

                expires = utc;
            }

            var input = new CreateAccessTokenInput { Name = Name, ExpiresTime = expires };
            if (!ShouldChange(input, input.ShouldProcessTarget(), force: false, Name)) return;
            if (!TryRun(token => Api.CreateAccessTokenAsync(input, token), Name, out var created)) return;
            WriteVerbose($"Created personal access token '{created.Name}' ({created.AccessTokenId}), expiring {created.ExpiresTime.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC.");
            if (AsPlainText)
            {
                WriteObject(new CreatedAccessTokenPlainText
                {
                    Id = created.AccessTokenId,
                    Name = created.Name,
                    ExpiresTime = created.ExpiresTime,
                    Secret = created.Secret,
                });
                return;
            }

            WriteObject(new CreatedAccessToken
            {
                Id = created.AccessTokenId,
                Name = created.Name,
                ExpiresTime = created.ExpiresTime,
                Secret = SecretText.ToSecureString(created.Secret),
            });
        }
    }
}
