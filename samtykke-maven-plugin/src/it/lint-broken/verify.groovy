def log = new File(basedir, 'build.log').text
assert log.contains("services[0].hosts[0]: invalid host 'https://cdn.example'")
assert log.contains('BUILD FAILURE')
