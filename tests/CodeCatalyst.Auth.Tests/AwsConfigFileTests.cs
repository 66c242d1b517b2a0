using System.IO;
using CodeCatalyst.Core.Auth;
using Xunit;

namespace CodeCatalyst.Auth.Tests
{
    public class AwsConfigFileTests
    {
        [Fact]
        public void Shared_files_are_read_once_for_a_command_and_give_all_three_views_of_that_one_reading()
        {
            using var home = new TempHome();
            string config = Path.Combine(home.Root, ".aws", "config");
            string credentials = Path.Combine(home.Root, ".aws", "credentials");
            File.WriteAllText(config, "[profile dev]\nregion = eu-west-1\naws_access_key_id = from-config\n");
            File.WriteAllText(credentials, "[dev]\naws_access_key_id = from-credentials\n");
            var files = new AwsSharedFiles(home.Environment);

            Assert.Equal("eu-west-1", files.Both.Profiles["dev"].GetString("region"));
            // Changed on disk after the first reading: the command keeps what it read, so its Region, endpoint and
            // credentials never come from two different versions of a file.
            File.WriteAllText(config, "[profile dev]\nregion = us-west-2\n");
            File.Delete(credentials);

            Assert.Equal("eu-west-1", files.ConfigOnly.Profiles["dev"].GetString("region"));
            Assert.Equal("from-config", files.ConfigOnly.Profiles["dev"].GetString("aws_access_key_id"));
            Assert.Equal("from-credentials", files.CredentialsOnly.Profiles["dev"].GetString("aws_access_key_id"));
            Assert.False(files.CredentialsOnly.Profiles["dev"].ContainsKey("region"));
            // A new command reads the files again.
            Assert.Equal("us-west-2", new AwsSharedFiles(home.Environment).Both.Profiles["dev"].GetString("region"));
        }

        [Fact]
        public void Profiles_come_from_default_and_profile_sections_with_any_spacing_around_the_delimiter()
        {
            AwsConfigFile config = AwsConfigFile.Parse(
                "[default]\nregion=us-east-1\n[profile dev]\n  sso_session   =   my-sso  \nsso_account_id: 123\n[sso-session my-sso]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-west-2\n");

            Assert.Equal("us-east-1", config.Profiles["default"].GetString("region"));
            Assert.Equal("my-sso", config.Profiles["dev"].GetString("sso_session"));
            Assert.Equal("123", config.Profiles["dev"].GetString("sso_account_id"));
            Assert.Equal("https://x.awsapps.com/start", config.SsoSessions["my-sso"].GetString("sso_start_url"));
            Assert.Equal("us-west-2", config.SsoSessions["my-sso"].GetString("sso_region"));
        }

        [Fact]
        public void Whole_line_hash_and_semicolon_comments_are_skipped_but_trailing_text_stays_in_the_value()
        {
            AwsConfigFile config = AwsConfigFile.Parse(
                "# leading comment\n; another\n[profile dev]\n   # indented comment\nsso_session = my-sso # not a comment in Python's configparser\n;sso_session = other\n");

            Assert.Equal("my-sso # not a comment in Python's configparser", config.Profiles["dev"].GetString("sso_session"));
            Assert.Single(config.Profiles["dev"].Keys);
        }

        [Fact]
        public void Default_and_profile_default_sections_both_name_the_default_profile_and_the_later_one_wins()
        {
            AwsConfigFile first = AwsConfigFile.Parse("[default]\nsso_session = a\n[profile default]\nsso_session = b\n");
            AwsConfigFile second = AwsConfigFile.Parse("[profile default]\nsso_session = b\n[default]\nsso_session = a\n");

            Assert.Equal("b", first.Profiles["default"].GetString("sso_session"));
            Assert.Equal("a", second.Profiles["default"].GetString("sso_session"));
        }

        [Fact]
        public void Option_names_are_lower_cased_but_section_names_are_case_sensitive()
        {
            AwsConfigFile config = AwsConfigFile.Parse("[profile Dev]\nSSO_Session = my-sso\n[Default]\nregion = x\n");

            Assert.Equal("my-sso", config.Profiles["Dev"].GetString("sso_session"));
            Assert.False(config.Profiles.ContainsKey("dev"));
            Assert.False(config.Profiles.ContainsKey("Default"));
            Assert.False(config.Profiles.ContainsKey("default"));
        }

        [Fact]
        public void Section_names_are_split_like_shell_words_and_need_exactly_two()
        {
            AwsConfigFile config = AwsConfigFile.Parse(
                "[profile \"my team\"]\na = 1\n[profile   spaced  ]\nb = 2\n[profilex y]\nc = 3\n[profile a b]\nd = 4\n[profileonly]\ne = 5\n[profile 'unbalanced]\nf = 6\n[sso-session 'quoted session']\ng = 7\n");

            Assert.Equal("1", config.Profiles["my team"].GetString("a"));
            Assert.Equal("2", config.Profiles["spaced"].GetString("b"));
            Assert.Equal("3", config.Profiles["y"].GetString("c")); // botocore only checks the prefix of the first word
            Assert.Equal(3, config.Profiles.Count);
            Assert.Equal("7", config.SsoSessions["quoted session"].GetString("g"));
        }

        [Fact]
        public void Indented_lines_continue_a_value_and_an_empty_first_line_makes_a_nested_block()
        {
            AwsConfigFile config = AwsConfigFile.Parse(
                "[profile dev]\nservices = local\ndescription = first\n  second\n\n  third\n\n[services local]\nsso_oidc =\n  endpoint_url = http://localhost:9000\n  # comment inside\n  other = x\n");

            Assert.Equal("first\nsecond\n\nthird", config.Profiles["dev"].GetString("description"));
            Assert.True(config.Services["local"].TryGetNested("sso_oidc", out var nested));
            Assert.Equal("http://localhost:9000", nested["endpoint_url"]);
            Assert.Equal("x", nested["other"]);
            Assert.Null(config.Services["local"].GetString("sso_oidc"));
        }

        [Fact]
        public void Upper_case_DEFAULT_section_supplies_values_to_every_section()
        {
            AwsConfigFile config = AwsConfigFile.Parse("[DEFAULT]\nsso_session = shared\nregion = r\n[profile dev]\nregion = own\n");

            Assert.Equal("shared", config.Profiles["dev"].GetString("sso_session"));
            Assert.Equal("own", config.Profiles["dev"].GetString("region"));
            Assert.False(config.Profiles.ContainsKey("DEFAULT"));
        }

        [Fact]
        public void Text_after_the_closing_bracket_of_a_header_is_ignored()
        {
            AwsConfigFile config = AwsConfigFile.Parse("[profile dev] ; trailing\nsso_session = s\n");

            Assert.Equal("s", config.Profiles["dev"].GetString("sso_session"));
        }

        [Theory]
        [InlineData("[profile a]\nx = 1\n[profile a]\ny = 2\n", "more than once")]
        [InlineData("[profile a]\nx = 1\nX = 2\n", "more than once")]
        [InlineData("x = 1\n[profile a]\n", "section header")]
        [InlineData("[profile a]\nx = 1\naws_secret_access_key_without_delimiter_SECRETVALUE\n", "line 3")]
        [InlineData("[profile a]\ns3 =\n  no_equals_here\n", "nested")]
        public void Malformed_files_are_rejected_like_configparser_without_quoting_file_content(string text, string expected)
        {
            SsoTokenException error = Assert.Throws<SsoTokenException>(() => AwsConfigFile.Parse(text));

            Assert.Equal(SsoTokenErrorKind.InvalidConfiguration, error.Kind);
            Assert.Contains(expected, error.Message);
            Assert.DoesNotContain("SECRETVALUE", error.Message);
        }

        [Fact]
        public void Credentials_file_sections_join_the_profiles_and_override_their_keys()
        {
            AwsConfigFile config = AwsConfigFile.Parse(
                "[profile dev]\nsso_session = a\nregion = r\n",
                "[dev]\nsso_session = b\n[other]\naws_access_key_id = x\n[profile dev]\nk = v\n");

            Assert.Equal("b", config.Profiles["dev"].GetString("sso_session"));
            Assert.Equal("r", config.Profiles["dev"].GetString("region"));
            Assert.True(config.Profiles.ContainsKey("other"));
            Assert.True(config.Profiles.ContainsKey("profile dev")); // taken verbatim from the credentials file
        }

        [Fact]
        public void Config_file_location_honours_AWS_CONFIG_FILE_with_tilde_and_variable_expansion()
        {
            var env = new FakeEnvironment("/home/me").With("AWS_CONFIG_FILE", "~/conf/$NAME-${SUFFIX}").With("NAME", "aws").With("SUFFIX", "cfg");

            Assert.Equal("/home/me/conf/aws-cfg", AwsConfigFile.ResolveConfigFilePath(env).Replace('\\', '/'));
            Assert.Equal("/home/me/.aws/config", AwsConfigFile.ResolveConfigFilePath(new FakeEnvironment("/home/me/")).Replace('\\', '/'));
            Assert.Equal("/home/me/.aws/credentials", AwsConfigFile.ResolveCredentialsFilePath(new FakeEnvironment("/home/me")).Replace('\\', '/'));
            Assert.Equal("$UNSET/x", AwsConfigFile.ResolveConfigFilePath(new FakeEnvironment("/h").With("AWS_CONFIG_FILE", "$UNSET/x")));
        }

        [Fact]
        public void Missing_files_load_as_an_empty_configuration()
        {
            using var home = new TempHome();

            AwsConfigFile config = AwsConfigFile.Load(home.Environment);

            Assert.Empty(config.Profiles);
            Assert.Null(config.ConfigFilePath);
        }

        [Fact]
        public void Load_reads_the_file_named_by_AWS_CONFIG_FILE_and_ignores_a_byte_order_mark()
        {
            using var home = new TempHome();
            string custom = Path.Combine(home.Root, "custom-config");
            File.WriteAllText(custom, "[profile x]\nsso_session = s\n", new System.Text.UTF8Encoding(true));
            home.Environment.With("AWS_CONFIG_FILE", custom);

            AwsConfigFile config = AwsConfigFile.Load(home.Environment);

            Assert.Equal("s", config.Profiles["x"].GetString("sso_session"));
            Assert.Equal(custom, config.ConfigFilePath);
        }
    }
}
