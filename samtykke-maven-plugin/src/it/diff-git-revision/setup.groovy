// The previous version is the committed one: commit policy.json 1.0, then change it as a 2.0.
def git(String... args) {
    def cmd = ['git', '-c', 'user.name=it', '-c', 'user.email=it@example.invalid'] + args.toList()
    def p = new ProcessBuilder(cmd).directory(basedir).redirectErrorStream(true).start()
    def out = p.inputStream.text
    assert p.waitFor() == 0 : out
}
git('init', '-q')
git('add', 'policy.json')
git('commit', '-q', '-m', 'policy 1.0')
def file = new File(basedir, 'policy.json')
def text = file.text
assert text.contains('"version": "1.0"')
file.text = text.replace('"version": "1.0"', '"version": "2.0"')
        .replace('"hosts": ["connect.facebook.net", "www.facebook.com"]', '"hosts": ["connect.facebook.net", "www.facebook.com", "*.facebook.net"]')
return true
