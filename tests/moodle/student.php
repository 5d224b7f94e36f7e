<?php
// Helper for restore_mbz.sh (our code): enrols student1 (made by the shared
// rig's import.php; created here if missing) as a student in COURSEID and
// prints the SCORM instance id of course module CMID.
// Usage: php student.php MOODLE_SRC COURSEID CMID
define('CLI_SCRIPT', true);
[$src, $courseid, $cmid] = [$argv[1], (int)$argv[2], (int)$argv[3]];
require($src . '/config.php');
require_once($CFG->dirroot . '/user/lib.php');
require_once($CFG->libdir . '/enrollib.php');
\core\session\manager::set_user(get_admin());
$user = $DB->get_record('user', ['username' => 'student1', 'deleted' => 0]);
if (!$user) {
    $uid = user_create_user((object)['username' => 'student1', 'password' => 'Student-pass-1', 'firstname' => 'Sam',
        'lastname' => 'Student', 'email' => 'student1@example.invalid', 'auth' => 'manual', 'confirmed' => 1,
        'mnethostid' => $CFG->mnet_localhost_id, 'lang' => 'en'], true, false);
    $user = $DB->get_record('user', ['id' => $uid]);
}
$course = $DB->get_record('course', ['id' => $courseid], '*', MUST_EXIST);
$role = $DB->get_record('role', ['shortname' => 'student'], '*', MUST_EXIST);
$plugin = enrol_get_plugin('manual');
// The backup carries a manual enrolment method; add one if a restore dropped it.
$instance = $DB->get_record('enrol', ['courseid' => $courseid, 'enrol' => 'manual']);
if (!$instance) {
    $plugin->add_default_instance($course);
    $instance = $DB->get_record('enrol', ['courseid' => $courseid, 'enrol' => 'manual'], '*', MUST_EXIST);
}
if (!is_enrolled(context_course::instance($courseid), $user)) $plugin->enrol_user($instance, $user->id, $role->id);
$cm = get_coursemodule_from_id('scorm', $cmid, $courseid, false, MUST_EXIST);
echo json_encode(['userid' => (int)$user->id, 'scormid' => (int)$cm->instance, 'enrolled' => true]) . "\n";
