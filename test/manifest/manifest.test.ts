import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import {
  buildAppPackage,
  buildCommandLists,
  checkCommandLists,
  checkIcon,
  commandListsOf,
  fillPlaceholders,
  ICONS,
  loadCommands,
  main,
  MANIFEST_DIR,
  MAX_COMMAND_LISTS,
  MAX_COMMAND_TITLE,
  MAX_COMMANDS_PER_LIST,
  PackagingError,
  parseEnvFile,
  readJsonObject,
  resolveSettings,
  SCOPES,
  SETTINGS,
  syncTemplate,
  validateAgainstBundledSchema,
  validateLocalization,
  validateManifest,
  type JsonObject,
  type Settings,
} from '../../scripts/package-app';
import { decodePng, encodePng } from '../../scripts/png';

const SETTINGS_FOR_TEST: Settings = {
  TEAMS_APP_ID: '0d5b6f1e-3c2a-4f7b-9e8d-1a2b3c4d5e6f',
  BOT_ID: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  BOT_DOMAIN: 'klantsignaal-test.azurewebsites.net',
  GRAPH_CLIENT_ID: 'f0e1d2c3-b4a5-4968-8776-655443322110',
  WEBSITE_URL: 'https://www.kinderopvang-zonnestraal.nl/klantsignaal',
  PRIVACY_URL: 'https://www.kinderopvang-zonnestraal.nl/privacy',
  TERMS_OF_USE_URL: 'https://www.kinderopvang-zonnestraal.nl/voorwaarden',
};

const ICON_FILES = ICONS.map((i) => i.file);
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'klantsignaal-manifest-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function filledTemplate(settings: Settings = SETTINGS_FOR_TEST): JsonObject {
  return JSON.parse(
    fillPlaceholders(readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8'), settings),
  ) as JsonObject;
}

/** A copy of manifest/ that a test may change. */
function manifestCopy(name: string): string {
  const dir = join(work, name);
  cpSync(MANIFEST_DIR, dir, { recursive: true });
  return dir;
}

describe('commands.json', () => {
  const commands = loadCommands();

  it('holds the bot commands with Dutch names and English aliases', () => {
    expect(commands.map((c) => [c.name, c.alias])).toEqual([
      ['help', 'help'],
      ['nieuw', 'new'],
      ['mijn', 'mine'],
      ['status', 'status'],
      ['open', 'open'],
      ['termijnen', 'deadlines'],
      ['te laat', 'overdue'],
      ['zoek', 'search'],
      ['overzicht', 'summary'],
      ['export', 'export'],
      ['analyse', 'analysis'],
    ]);
    for (const c of commands) {
      expect(c.help.length).toBeGreaterThan(0);
      expect(c.helpEn.length).toBeGreaterThan(0);
    }
  });

  it('gives every scope a command list within Teams limits, each a subset of commands.json', () => {
    const lists = commandListsOf(filledTemplate());
    expect(lists.length).toBeLessThanOrEqual(MAX_COMMAND_LISTS);
    for (const scope of SCOPES) {
      const forScope = lists.filter((l) => l.scopes.includes(scope));
      expect(forScope).toHaveLength(1);
      const list = forScope[0]!;
      expect(list.commands.length).toBeGreaterThan(0);
      expect(list.commands.length).toBeLessThanOrEqual(MAX_COMMANDS_PER_LIST);
      for (const command of list.commands) {
        expect(command.title.length).toBeLessThanOrEqual(MAX_COMMAND_TITLE);
        const spec = commands.find((c) => c.name === command.title);
        expect(spec).toBeDefined();
        expect(command.description).toBe(spec?.help);
      }
    }
    expect(checkCommandLists(lists, commands)).toEqual([]);
    // Every command is suggested somewhere; personal chat lists all but `help`.
    const listed = new Set(lists.flatMap((l) => l.commands.map((c) => c.title)));
    expect([...listed].sort()).toEqual(commands.map((c) => c.name).sort());
    const personal = lists.find((l) => l.scopes.includes('personal'))!;
    expect(personal.commands.map((c) => c.title)).not.toContain('help');
  });

  it('flags lists Teams would reject', () => {
    const eleven = commands.map((c) => ({ title: c.name, description: c.help }));
    const problems = checkCommandLists(
      [
        { scopes: ['personal'], commands: eleven },
        { scopes: ['team'], commands: [{ title: 'een veel te lange opdrachtnaam voor teams', description: 'x' }] },
        { scopes: ['groupChat', 'personal'], commands: [{ title: 'onbekend', description: 'x' }] },
        { scopes: ['team'], commands: [] },
      ],
      commands,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        `4 command lists; Teams allows ${MAX_COMMAND_LISTS}`,
        `command list 0 (personal) has 11 commands; Teams allows ${MAX_COMMANDS_PER_LIST}`,
        `command title "een veel te lange opdrachtnaam voor teams" is longer than ${MAX_COMMAND_TITLE} characters`,
        'command "onbekend" in list 2 is not in commands.json',
        'scope personal appears in more than one command list',
        'scope team appears in more than one command list',
      ]),
    );
  });

  it('is what manifest.json and en.json were generated from (no drift)', () => {
    const dir = manifestCopy('sync');
    expect(syncTemplate(dir)).toEqual([]);
    expect(commandListsOf(readJsonObject(join(MANIFEST_DIR, 'manifest.json')))).toEqual(buildCommandLists(commands));
  });

  it('regenerates the lists after a change to commands.json', () => {
    const dir = manifestCopy('resync');
    const file = JSON.parse(readFileSync(join(dir, 'commands.json'), 'utf8')) as {
      commands: { manifestScopes: string[] }[];
    };
    file.commands[0]!.manifestScopes = ['personal', 'team', 'groupChat'];
    writeFileSync(join(dir, 'commands.json'), JSON.stringify(file));
    expect(
      syncTemplate(dir)
        .map((p) => p.slice(dir.length + 1))
        .sort(),
    ).toEqual(['en.json', 'manifest.json']);
    const lists = commandListsOf(readJsonObject(join(dir, 'manifest.json')));
    // help now in personal too: 11 commands there, which the check reports.
    expect(lists[0]?.commands).toHaveLength(11);
    expect(checkCommandLists(lists, loadCommands(dir))).toContain(
      `command list 0 (personal) has 11 commands; Teams allows ${MAX_COMMANDS_PER_LIST}`,
    );
  });
});

describe('manifest.json', () => {
  const commands = loadCommands();

  it('is on the newest GA schema bundled in @microsoft/app-manifest', () => {
    const root = join(require.resolve('@microsoft/app-manifest/package.json'), '..', 'build', 'json-schemas', 'teams');
    const versions = readdirSync(root)
      .filter((d) => /^v1\.\d+$/.test(d))
      .map((d) => Number(d.slice(3)))
      .sort((a, b) => b - a);
    const manifest = filledTemplate();
    expect(manifest.manifestVersion).toBe(`1.${versions[0]}`);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v1.${versions[0]}/MicrosoftTeams.schema.json`,
    );
  });

  it('validates offline against the schema once the placeholders are filled', async () => {
    const manifest = filledTemplate();
    expect(await validateAgainstBundledSchema(manifest)).toEqual([]);
    expect(await validateManifest(manifest, commands)).toEqual([]);
    expect(validateLocalization(readJsonObject(join(MANIFEST_DIR, 'en.json')))).toEqual([]);
  });

  it('is in Dutch, names Klantsignaal, and has the bot in personal, team and group chat', () => {
    const manifest = filledTemplate();
    const name = manifest.name as { short: string };
    const description = manifest.description as { short: string; full: string };
    expect(name.short).toBe('Klantsignaal');
    expect(description.short.length).toBeLessThanOrEqual(80);
    expect(description.full).toMatch(/klachtenregeling/);
    expect((manifest.localizationInfo as { defaultLanguageTag: string }).defaultLanguageTag).toBe('nl-nl');
    const bot = (manifest.bots as { botId: string; scopes: string[] }[])[0]!;
    expect(bot.botId).toBe(SETTINGS_FOR_TEST.BOT_ID);
    expect(bot.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(manifest.id).toBe(SETTINGS_FOR_TEST.TEAMS_APP_ID);
    expect(manifest.validDomains).toEqual([SETTINGS_FOR_TEST.BOT_DOMAIN]);
    expect((manifest.webApplicationInfo as { id: string }).id).toBe(SETTINGS_FOR_TEST.GRAPH_CLIENT_ID);
  });

  it('asks the activity feed permission per user (resource-specific consent), not tenant-wide', () => {
    const manifest = filledTemplate();
    expect(manifest.authorization).toEqual({
      permissions: { resourceSpecific: [{ name: 'TeamsActivity.Send.User', type: 'Application' }] },
    });
    // RSC needs webApplicationInfo.resource to hold a value; the id is the identity that calls Graph.
    expect((manifest.webApplicationInfo as { resource: string }).resource).toBe(
      `api://${SETTINGS_FOR_TEST.BOT_DOMAIN}/${SETTINGS_FOR_TEST.GRAPH_CLIENT_ID}`,
    );
    const aad = readFileSync(join(MANIFEST_DIR, '..', 'infra', 'aad.manifest.json'), 'utf8');
    const roles = (
      JSON.parse(aad) as { requiredResourceAccess: { resourceAccess: { id: string }[] }[] }
    ).requiredResourceAccess
      .flatMap((r) => r.resourceAccess.map((a) => a.id))
      .sort();
    expect(roles).toEqual(['GroupMember.Read.All', 'User.Read.All']);
  });

  it("declares the Overzicht tab on the bot's own host and its SSO resource (issue 20)", () => {
    const manifest = filledTemplate();
    expect(manifest.staticTabs).toEqual([
      {
        entityId: 'overzicht',
        name: 'Overzicht',
        contentUrl: `https://${SETTINGS_FOR_TEST.BOT_DOMAIN}/tab/`,
        scopes: ['personal'],
      },
    ]);
    // Teams SSO: the Application ID URI is api://<the tab's domain>/<client id>; the server checks tokens for it (TAB_SSO_RESOURCE).
    expect(manifest.webApplicationInfo).toEqual({
      id: SETTINGS_FOR_TEST.GRAPH_CLIENT_ID,
      resource: `api://${SETTINGS_FOR_TEST.BOT_DOMAIN}/${SETTINGS_FOR_TEST.GRAPH_CLIENT_ID}`,
    });
  });

  it('fails schema validation for a manifest Teams would reject', async () => {
    const manifest = filledTemplate({ ...SETTINGS_FOR_TEST, BOT_ID: 'not-a-guid' });
    (manifest.description as { short: string }).short = 'x'.repeat(81);
    const problems = await validateManifest(manifest, commands);
    expect(problems.some((p) => p.startsWith('schema: /bots/0/botId must match pattern'))).toBe(true);
    expect(problems.some((p) => p.startsWith('schema: /description/short must NOT have more than 80 characters'))).toBe(
      true,
    );
  });

  it('refuses schemas that are not bundled instead of fetching them', async () => {
    const manifest = {
      ...filledTemplate(),
      $schema: 'https://developer.microsoft.com/json-schemas/teams/v9.99/MicrosoftTeams.schema.json',
    };
    expect(await validateAgainstBundledSchema(manifest)).toEqual([
      '$schema https://developer.microsoft.com/json-schemas/teams/v9.99/MicrosoftTeams.schema.json is not a Teams schema bundled in @microsoft/app-manifest',
    ]);
  });

  it('rejects localization keys and lengths outside the localization schema', () => {
    const strings = readJsonObject(join(MANIFEST_DIR, 'en.json'));
    expect(
      validateLocalization({
        ...strings,
        'description.short': 'x'.repeat(81),
        'bots[0].commandLists[3].commands[0].title': 'x',
      }),
    ).toEqual([
      'description.short is longer than 80 characters',
      'bots[0].commandLists[3].commands[0].title is not a localizable key',
    ]);
  });
});

describe('icons', () => {
  it('has a 192x192 opaque colour icon', () => {
    const png = decodePng(readFileSync(join(MANIFEST_DIR, 'color.png')));
    expect([png.width, png.height]).toEqual([192, 192]);
    for (let i = 3; i < png.pixels.length; i += 4)
      if (png.pixels[i] !== 255) throw new Error(`transparent pixel ${(i - 3) / 4}`);
    // More than a flat square: background, white bubble and coral heart.
    const colours = new Set<string>();
    for (let i = 0; i < png.pixels.length; i += 4)
      colours.add(`${png.pixels[i]},${png.pixels[i + 1]},${png.pixels[i + 2]}`);
    expect(colours.has('15,118,110')).toBe(true); // accent teal
    expect(colours.has('255,255,255')).toBe(true);
    expect(colours.has('240,100,90')).toBe(true); // coral
  });

  it('has a 32x32 outline icon, white on transparent', () => {
    const bytes = readFileSync(join(MANIFEST_DIR, 'outline.png'));
    const png = decodePng(bytes);
    expect([png.width, png.height]).toEqual([32, 32]);
    expect(png.hasAlphaChannel).toBe(true);
    expect(png.pixels[3]).toBe(0); // top-left corner is transparent
    let visible = 0;
    for (let i = 0; i < png.pixels.length; i += 4) {
      if (png.pixels[i + 3] === 0) continue;
      visible++;
      expect([png.pixels[i], png.pixels[i + 1], png.pixels[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(visible).toBeGreaterThan(100);
    expect(visible).toBeLessThan(32 * 32 * 0.7);
    expect(checkIcon(bytes, ICONS[1]!)).toEqual([]);
  });

  it('rejects icons of the wrong size or with colour or no transparency in the outline', () => {
    const size = (n: number, rgba: [number, number, number, number]) =>
      encodePng({ width: n, height: n, pixels: new Uint8Array(n * n * 4).map((_, i) => rgba[i % 4]!) });
    expect(checkIcon(size(64, [0, 0, 0, 255]), ICONS[0]!)).toEqual(['color.png is 64x64; Teams needs 192x192']);
    expect(checkIcon(size(32, [255, 0, 0, 255]), ICONS[1]!)).toEqual([
      'outline.png has no transparent pixels; the background must be transparent',
      'outline.png has 1024 visible pixels that are not white',
    ]);
    expect(checkIcon(Buffer.from('GIF89a'), ICONS[1]!)).toEqual(['outline.png: not a PNG file (bad signature)']);
  });

  it('decodes what it encodes', () => {
    const pixels = new Uint8Array(7 * 5 * 4).map((_, i) => (i * 37) % 256);
    const back = decodePng(encodePng({ width: 7, height: 5, pixels }));
    expect([back.width, back.height, back.colorType]).toEqual([7, 5, 6]);
    expect(Buffer.from(back.pixels).equals(Buffer.from(pixels))).toBe(true);
  });
});

describe('settings', () => {
  it('names every missing setting', () => {
    expect(() => resolveSettings([{}])).toThrow(PackagingError);
    let caught: unknown;
    try {
      resolveSettings([{ BOT_DOMAIN: 'https://klantsignaal.azurewebsites.net/api' }]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PackagingError);
    const problems = (caught as PackagingError).problems;
    expect(problems).toHaveLength(7);
    expect(problems[0]).toMatch(/^TEAMS_APP_ID is not set/);
    expect(problems[1]).toMatch(/^BOT_ID is not set/);
    expect(problems[2]).toMatch(/^BOT_DOMAIN="https:\/\/klantsignaal.azurewebsites.net\/api" must be a bare host name/);
    expect(problems[3]).toMatch(/^GRAPH_CLIENT_ID is not set \(nor BOT_ID/);
    expect(problems.slice(4).map((p) => p.split(' ')[0])).toEqual(['WEBSITE_URL', 'PRIVACY_URL', 'TERMS_OF_USE_URL']);
  });

  it('fills demo values with --dev, lets later sources win, and falls back to BOT_ID for Graph', () => {
    const dev = resolveSettings([{}], { dev: true });
    expect(Object.keys(dev).sort()).toEqual(SETTINGS.map((s) => s.name).sort());
    const mixed = resolveSettings(
      [{ BOT_ID: SETTINGS_FOR_TEST.BOT_ID, BOT_DOMAIN: 'from-file.example.nl' }, { BOT_DOMAIN: 'from-env.example.nl' }],
      { dev: true },
    );
    expect(mixed.BOT_DOMAIN).toBe('from-env.example.nl');
    expect(mixed.GRAPH_CLIENT_ID).toBe(SETTINGS_FOR_TEST.BOT_ID);
  });

  it('reads the Agents Toolkit env file format', () => {
    expect(
      parseEnvFile(
        '# comment\nTEAMSFX_ENV=dev\nBOT_ID="abc"\nexport BOT_DOMAIN=x.example.nl # trailing\nEMPTY=\n\nnot a line',
      ),
    ).toEqual({ TEAMSFX_ENV: 'dev', BOT_ID: 'abc', BOT_DOMAIN: 'x.example.nl', EMPTY: '' });
  });

  it('refuses example domains without --dev (demo values must not reach a tenant)', () => {
    for (const [name, value] of [
      ['BOT_DOMAIN', 'klantsignaal.example.nl'],
      ['BOT_DOMAIN', 'bot.example.com'],
      ['BOT_DOMAIN', 'klantsignaal.test'],
      ['PRIVACY_URL', 'https://www.example.nl/privacy'],
    ] as const) {
      let caught: unknown;
      try {
        resolveSettings([{ ...SETTINGS_FOR_TEST, [name]: value }]);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(PackagingError);
      expect((caught as PackagingError).problems).toEqual([
        expect.stringMatching(new RegExp(`^${name}=.*example domain`)),
      ]);
      expect(resolveSettings([{ ...SETTINGS_FOR_TEST, [name]: value }], { dev: true })[name]).toBe(value);
    }
  });

  it('refuses to leave a placeholder unfilled', () => {
    expect(() => fillPlaceholders('{"a":"${{NOPE}}","b":"${{BOT_ID}}"}', { BOT_ID: 'x' })).toThrow(/NOPE is not set/);
    expect(fillPlaceholders('"${{ BOT_ID }}"', { BOT_ID: 'a"b' })).toBe('"a\\"b"');
  });
});

describe('app package', () => {
  it('zips manifest, localization and icons, and the zip re-reads as a valid package', async () => {
    const outFile = join(work, 'out', 'appPackage.zip');
    const result = await buildAppPackage({ settings: SETTINGS_FOR_TEST, outFile });
    const zip = await JSZip.loadAsync(readFileSync(outFile));
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
    expect(result.entries.sort()).toEqual(names);
    for (const name of names) expect(zip.files[name]!.dir).toBe(false);

    const manifestText = await zip.file('manifest.json')!.async('string');
    expect(manifestText).not.toMatch(/\$\{\{/);
    // The organisation's own addresses, not the demo ones.
    expect(manifestText).not.toMatch(/example\./);
    expect((JSON.parse(manifestText) as { developer: { privacyUrl: string } }).developer.privacyUrl).toBe(
      SETTINGS_FOR_TEST.PRIVACY_URL,
    );
    const manifest = JSON.parse(manifestText) as JsonObject;
    expect(manifest.id).toBe(SETTINGS_FOR_TEST.TEAMS_APP_ID);
    expect(await validateManifest(manifest, loadCommands())).toEqual([]);
    expect(validateLocalization(JSON.parse(await zip.file('en.json')!.async('string')) as JsonObject)).toEqual([]);

    for (const icon of ICONS) {
      const bytes = await zip.file(icon.file)!.async('nodebuffer');
      expect(bytes.equals(readFileSync(join(MANIFEST_DIR, icon.file)))).toBe(true);
      expect(checkIcon(bytes, icon)).toEqual([]);
    }
    expect(ICON_FILES.every((f) => names.includes(f))).toBe(true);
  });

  it('is byte-for-byte reproducible', async () => {
    const a = await buildAppPackage({ settings: SETTINGS_FOR_TEST });
    const b = await buildAppPackage({ settings: SETTINGS_FOR_TEST });
    expect(a.zip.equals(b.zip)).toBe(true);
  });

  it('refuses to package an invalid manifest or a wrong icon, listing the problems', async () => {
    const dir = manifestCopy('broken');
    const template = readJsonObject(join(dir, 'manifest.json'));
    (template.name as { short: string }).short = 'Klantsignaal voor kinderopvangorganisaties';
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(template));
    writeFileSync(
      join(dir, 'color.png'),
      encodePng({ width: 96, height: 96, pixels: new Uint8Array(96 * 96 * 4).fill(255) }),
    );
    await expect(buildAppPackage({ settings: SETTINGS_FOR_TEST, manifestDir: dir })).rejects.toThrow(
      /the app package is not valid:\n {2}- schema: \/name\/short must NOT have more than 30 characters[\s\S]*color\.png is 96x96; Teams needs 192x192/,
    );
  });

  describe('npm run package (main)', () => {
    const saved: Record<string, string | undefined> = {};
    beforeEach(() => {
      for (const s of SETTINGS) {
        saved[s.name] = process.env[s.name];
        delete process.env[s.name];
      }
    });
    afterEach(() => {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      jest.restoreAllMocks();
    });

    it('builds from a .env file and reports success', async () => {
      const envFile = join(work, '.env.test');
      writeFileSync(
        envFile,
        Object.entries(SETTINGS_FOR_TEST)
          .map(([k, v]) => `${k}=${v}`)
          .join('\n'),
      );
      const out = join(work, 'cli', 'appPackage.zip');
      const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      expect(await main([envFile, '--out', out])).toBe(0);
      expect(log.mock.calls[0]?.[0]).toMatch(
        /^wrote .*appPackage\.zip \(manifest\.json, color\.png, outline\.png, en\.json\), valid against/,
      );
      const zip = await JSZip.loadAsync(readFileSync(out));
      expect(JSON.parse(await zip.file('manifest.json')!.async('string')).bots[0].botId).toBe(SETTINGS_FOR_TEST.BOT_ID);
    });

    it('fails with exit code 1 naming the missing settings', async () => {
      const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      expect(await main(['--out', join(work, 'never.zip')])).toBe(1);
      const message = String(error.mock.calls[0]?.[0]);
      for (const s of SETTINGS) expect(message).toContain(`${s.name} is not set`);
    });

    it('builds with --dev and no settings', async () => {
      jest.spyOn(console, 'log').mockImplementation(() => undefined);
      expect(await main(['--dev', '--out', join(work, 'dev', 'appPackage.zip')])).toBe(0);
    });
  });
});
