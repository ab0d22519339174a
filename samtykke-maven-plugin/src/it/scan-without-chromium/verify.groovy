def log = new File(basedir, 'build.log').text
assert log.contains('apt-get install -y chromium chromium-driver')
